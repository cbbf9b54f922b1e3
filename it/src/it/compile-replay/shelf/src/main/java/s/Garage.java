package s;

import org.mapstruct.factory.Mappers;

public class Garage {
    public CarDto show(Car car) {
        return Mappers.getMapper(CarMapper.class).toDto(car);
    }

    public int slots() {
        return 1;
    }
}
