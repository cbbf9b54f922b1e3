package a; public class Exposes { public B b() { return new B(); } }
