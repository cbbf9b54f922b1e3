package s; public final class Cat implements Animal { }
