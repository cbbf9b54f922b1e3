package com.example.cars;

import org.mapstruct.Mapper;

/** MapStruct generates {@code OwnerMapperImpl} from this interface at compile time; the demo edits this file. */
@Mapper
public interface OwnerMapper {

    OwnerDto toDto(Owner owner);

    final class Owner {
        public String name;
    }

    final class OwnerDto {
        public String name;
    }
}
