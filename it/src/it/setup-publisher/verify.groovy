def repo = new File(basedir, '../../publisher-repo/dev/tandem/it')
assert new File(repo, 'widget/1.0/widget-1.0.pom').text.contains('<id>lockstep</id>')
assert new File(repo, 'widget-processor/1.0/widget-processor-1.0.jar').isFile()
assert new File(repo, 'widget-processor/0.9/widget-processor-0.9.jar').isFile()
