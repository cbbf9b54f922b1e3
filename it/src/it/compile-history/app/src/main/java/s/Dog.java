package s; public final class Dog implements Animal { }
