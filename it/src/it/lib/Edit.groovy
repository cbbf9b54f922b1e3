// Replaces text in a file of a scenario's project (or its twin), asserting the text is there, so a step that no
// longer matches its sources fails loudly instead of testing nothing.
//   def edit = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
//   edit(dir, 'src/main/java/a/Car.java', 'int x;', 'int y;')
return { File dir, String path, String from, String to ->
    def f = new File(dir, path)
    assert f.text.contains(from) : "${f} does not contain '${from}'"
    f.text = f.text.replace(from, to)
}
