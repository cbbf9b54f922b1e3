package a; public abstract class Shape { public abstract double area(); }
