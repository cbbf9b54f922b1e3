// The replay smoke test's module sources: ten MapStruct mappers of simple beans, one with an unmapped target
// property (a warning), and an unrelated class.
//   evaluate(new File(basedir, '../../../src/it/lib/SmokeMappers.groovy'))(new File(basedir, 'forked'))
return { File module ->
    def src = new File(module, 'src/main/java/dev/tandem/it/smoke')
    src.mkdirs()
    def bean = { String name, Map<String, String> fields ->
        def body = fields.collect { n, t ->
            def cap = n.capitalize()
            "    private ${t} ${n};\n    public ${t} get${cap}() { return ${n}; }\n    public void set${cap}(${t} v) { ${n} = v; }\n"
        }.join('')
        new File(src, "${name}.java").text = "package dev.tandem.it.smoke;\n\npublic class ${name} {\n${body}}\n"
    }
    (1..10).each { i ->
        bean("Model${i}", [name: 'String', size: 'int'])
        bean("Model${i}Dto", i == 1 ? [name: 'String', size: 'int', extra: 'String'] : [name: 'String', size: 'int'])
        new File(src, "Model${i}Mapper.java").text = "package dev.tandem.it.smoke;\n\n@org.mapstruct.Mapper\npublic interface Model${i}Mapper {\n    Model${i}Dto toDto(Model${i} m);\n}\n"
    }
    new File(src, 'Unrelated.java').text = 'package dev.tandem.it.smoke;\n\npublic class Unrelated {\n    int x;\n}\n'
}
