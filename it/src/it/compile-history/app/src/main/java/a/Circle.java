package a; public class Circle extends Shape { public double area() { return 3.14; } class Spoke { int n = 1; } Runnable r = new Runnable() { public void run() { System.out.println("a"); } }; }
