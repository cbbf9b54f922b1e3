package dev.tandem.it.flat;

public final class Gadget {}
