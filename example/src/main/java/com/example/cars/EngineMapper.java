package com.example.cars;

import org.mapstruct.Mapper;

/** MapStruct generates {@code EngineMapperImpl} from this interface at compile time. */
@Mapper
public interface EngineMapper {

    EngineDto toDto(Engine engine);

    final class Engine {
        public String fuel;
        public int power;
    }

    final class EngineDto {
        public String fuel;
        public int power;
    }
}
