// Runs only where the build may mount a file system (root on Linux); says so where it may not.
def probe = File.createTempDir()
def mounted = ['mount', '-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probe.path].execute().waitFor() == 0
if (mounted) {
    ['umount', probe.path].execute().waitFor()
} else {
    println 'cache-read-only-disk: SKIPPED, this machine does not let the build mount a tmpfs'
}
probe.delete()
return mounted
