def log = new File(basedir, 'build.log').text
assert log =~ /Rule 0: dev\.tandem\.lockstep\.LockstepRule.* passed/
def localRepo = new File(localRepositoryPath, 'dev/tandem/it')
assert new File(localRepo, 'widget/1.0/widget-1.0.jar').isFile()
// the publisher's deploy leaves its cached copy of the remote metadata; no version of the companion may follow
def companion = new File(localRepo, 'widget-processor')
def downloaded = companion.exists() ? companion.listFiles().findAll { it.isDirectory() } : []
assert downloaded.isEmpty() : "the unused companion was downloaded: ${downloaded}"
