package s;

import lombok.Data;

@Data
public class Car {
    private String make;
    private int seats;
    private Engine engine;
}
