// Reads the hits and misses of one consumer from the table `tandem:status` printed last in a build log.
//   def status = evaluate(new File(basedir, '../../../src/it/lib/Status.groovy'))
//   assert status(log, 'dev.tandem.example.cars') == [hits: 500, misses: 0]
return { String log, String consumer ->
    def rows = log.readLines().findAll { it.contains("] ") && it.trim().split(/\s+/).size() > 1 }
            .collect { it.substring(it.indexOf('] ') + 2).trim().split(/\s+/) }
            .findAll { it[0] == consumer }
    assert !rows.isEmpty() : "no tandem:status row for ${consumer} in the log"
    def row = rows.last()
    // consumer, entries, size (2 words), hits, misses, ...
    return [hits: row[4] as int, misses: row[5] as int]
}
