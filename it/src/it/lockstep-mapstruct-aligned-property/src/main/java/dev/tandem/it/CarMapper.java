package dev.tandem.it;

import org.mapstruct.Mapper;

@Mapper
public interface CarMapper {
    CarDto toDto(Car car);

    class Car {
        public String make;
    }

    class CarDto {
        public String make;
    }
}
