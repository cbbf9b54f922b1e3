def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def edit = { File dir, String file, String from, String to ->
    def f = new File(dir, "src/main/java/dev/tandem/it/smoke/${file}")
    assert f.text.contains(from)
    f.text = f.text.replace(from, to)
}
assert new File(basedir, 'build.log').text.contains('Tandem replay: MapStruct 0 replayed, 10 run')
history(basedir, localRepositoryPath, mvn, [
    [name: 'an unrelated file', edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log -> assert c.MapStruct == [replayed: 10, run: 0] }],
    [name: 'a model', edit: { d -> edit(d, 'Model3.java', 'private int size;', 'private int size;\n    private String extra;\n    public String getExtra() { return extra; }\n    public void setExtra(String v) { extra = v; }') },
     check: { c, log -> assert c.MapStruct == [replayed: 9, run: 1] }],
])
return true
