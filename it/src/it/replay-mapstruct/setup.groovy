// The module: cars with a supertype and nested beans two hops deep, mapped with uses= and a shared config, and 30
// simple item mappers, some with an unmapped target property (a warning).
def src = new File(basedir, 'src/main/java/dev/tandem/it/cars')
src.mkdirs()
def bean = { String name, String ext, Map<String, String> fields ->
    def body = fields.collect { n, t ->
        def cap = n.capitalize()
        "    private ${t} ${n};\n    public ${t} get${cap}() { return ${n}; }\n    public void set${cap}(${t} v) { ${n} = v; }\n"
    }.join('')
    new File(src, "${name}.java").text = "package dev.tandem.it.cars;\n\npublic class ${name}${ext} {\n${body}}\n"
}
bean('Vehicle', '', [id: 'long'])
bean('Car', ' extends Vehicle', [make: 'String', seats: 'int', engine: 'Engine'])
bean('Engine', '', [power: 'int', part: 'Part'])
bean('Part', '', [serial: 'String'])
bean('CarDto', '', [id: 'long', vin: 'String', make: 'String', seatCount: 'int', engine: 'EngineDto', color: 'String'])
bean('EngineDto', '', [power: 'int', part: 'PartDto'])
bean('PartDto', '', [serial: 'String', maker: 'String'])
new File(src, 'CentralConfig.java').text = '''package dev.tandem.it.cars;

import org.mapstruct.MapperConfig;
import org.mapstruct.NullValueCheckStrategy;

@MapperConfig(nullValueCheckStrategy = NullValueCheckStrategy.ALWAYS)
public interface CentralConfig {}
'''
new File(src, 'CarMapper.java').text = '''package dev.tandem.it.cars;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper(config = CentralConfig.class, uses = EngineMapper.class)
public interface CarMapper {
    @Mapping(target = "seatCount", source = "seats")
    CarDto toDto(Car car);
}
'''
new File(src, 'EngineMapper.java').text = '''package dev.tandem.it.cars;

import org.mapstruct.Mapper;

@Mapper(config = CentralConfig.class)
public interface EngineMapper {
    EngineDto toDto(Engine engine);

    PartDto toDto(Part part);
}
'''
(1..30).each { i ->
    bean("Item${i}", '', [name: 'String', count: 'int'])
    bean("Item${i}Dto", '', i % 3 == 0 ? [name: 'String', count: 'int', note: 'String'] : [name: 'String', count: 'int'])
    new File(src, "Item${i}Mapper.java").text = """package dev.tandem.it.cars;

import org.mapstruct.Mapper;

@Mapper
public interface Item${i}Mapper {
    Item${i}Dto toDto(Item${i} item);
}
"""
}
new File(src, 'Unrelated.java').text = 'package dev.tandem.it.cars;\n\npublic class Unrelated {\n    int x;\n}\n'
return true
