package com.example;

@org.mapstruct.Mapper
public interface CarMapper {
    CarDto toDto(Car car);

    final class Car {
        public String make;
    }

    final class CarDto {
        public String make;
    }
}
