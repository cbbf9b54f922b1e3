package com.example.garage;

import dev.tandem.example.cars.CarSpec;

/** Twenty models of Ford; the processor generates a FordModels_ModelNNInfo class for each. */
public class FordModels {
    @CarSpec("src/main/cars/ford.txt")
    public static class Model00 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model01 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model02 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model03 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model04 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model05 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model06 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model07 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model08 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model09 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model10 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model11 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model12 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model13 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model14 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model15 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model16 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model17 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model18 {}

    @CarSpec("src/main/cars/ford.txt")
    public static class Model19 {}
}
