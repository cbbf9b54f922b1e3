package g; public class Box<T extends Number> { public T value; }
