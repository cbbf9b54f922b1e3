// Copies a scenario's project as a fresh checkout would have it: no target/, no logs, none of the folders named in
// `leave` (a test's own server data, earlier jobs).
//   def copyProject = evaluate(new File(basedir, '../../../src/it/lib/CopyProject.groovy'))
//   copyProject(basedir, new File(basedir, 'jobs/b/checkout'), ['nginx', 'jobs'])
def copy
copy = { File from, File to, List leave = [] ->
    to.mkdirs()
    from.eachFile { f ->
        if (f.isDirectory()) {
            if (!(f.name in ['target'] + leave)) copy(f, new File(to, f.name), leave)
        } else if (!f.name.endsWith('.log')) {
            new File(to, f.name).bytes = f.bytes
        }
    }
}
return copy
