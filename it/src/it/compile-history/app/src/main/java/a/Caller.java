package a; public class Caller { String call() { return Util.f(1); } }
