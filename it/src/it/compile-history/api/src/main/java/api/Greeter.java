package api; public class Greeter { public String greet(String who) { return "hello " + who; } }
