package com.example.cars;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/** MapStruct generates {@code CarMapperImpl} from this interface at compile time. */
@Mapper
public interface CarMapper {

    @Mapping(target = "seats", source = "numberOfSeats")
    CarDto toDto(Car car);

    final class Car {
        public String make;
        public int numberOfSeats;
    }

    final class CarDto {
        public String make;
        public int seats;
    }
}
