package a; public class Limits { public static final int MAX = 10; }
