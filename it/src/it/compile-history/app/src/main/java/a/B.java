package a; public class B { public int size() { return 1; } }
