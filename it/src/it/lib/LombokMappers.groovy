// The Lombok and MapStruct module of the replay scenarios: Lombok beans (getters and setters exist only after
// Lombok ran) mapped by MapStruct: Car -> Engine -> Part two hops deep, a supertype, 20 simple pairs, and a
// lombok.config. 22 mappers.
//   evaluate(new File(basedir, '../../../src/it/lib/LombokMappers.groovy'))(basedir)
return { File basedir ->
    def src = new File(basedir, 'src/main/java/dev/tandem/it/lombok')
    src.mkdirs()
    def bean = { String name, String ext, Map<String, String> fields ->
        def body = fields.collect { n, t -> "    private ${t} ${n};\n" }.join('')
        new File(src, "${name}.java").text = "package dev.tandem.it.lombok;\n\n@lombok.Getter\n@lombok.Setter\npublic class ${name}${ext} {\n${body}}\n"
    }
    bean('Vehicle', '', [id: 'long'])
    bean('Car', ' extends Vehicle', [make: 'String', engine: 'Engine'])
    bean('Engine', '', [power: 'int', part: 'Part'])
    bean('Part', '', [serial: 'String'])
    bean('CarDto', '', [id: 'long', vin: 'String', make: 'String', engine: 'EngineDto'])
    bean('EngineDto', '', [power: 'int', part: 'PartDto'])
    bean('PartDto', '', [serial: 'String', maker: 'String'])
    new File(src, 'CarMapper.java').text = '''package dev.tandem.it.lombok;

    import org.mapstruct.Mapper;

    @Mapper(uses = EngineMapper.class)
    public interface CarMapper {
        CarDto toDto(Car car);
    }
    '''
    new File(src, 'EngineMapper.java').text = '''package dev.tandem.it.lombok;

    import org.mapstruct.Mapper;

    @Mapper
    public interface EngineMapper {
        EngineDto toDto(Engine engine);

        PartDto toDto(Part part);
    }
    '''
    (1..20).each { i ->
        bean("Thing${i}", '', [name: 'String', size: 'int'])
        bean("Thing${i}Dto", '', [name: 'String', size: 'int'])
        new File(src, "Thing${i}Mapper.java").text = "package dev.tandem.it.lombok;\n\n@org.mapstruct.Mapper\npublic interface Thing${i}Mapper {\n    Thing${i}Dto toDto(Thing${i} thing);\n}\n"
    }
    new File(src, 'Unrelated.java').text = 'package dev.tandem.it.lombok;\n\npublic class Unrelated {\n    int x;\n}\n'
    new File(basedir, 'lombok.config').text = 'config.stopBubbling = true\nlombok.addLombokGeneratedAnnotation = false\n'
}
