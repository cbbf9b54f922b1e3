package dev.tandem.it.plain;

public class Plain {
    int value;
}
