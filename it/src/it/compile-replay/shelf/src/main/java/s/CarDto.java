package s;

import lombok.Data;

@Data
public class CarDto {
    private String make;
    private int seats;
    private EngineDto engine;
}
