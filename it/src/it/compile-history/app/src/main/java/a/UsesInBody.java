package a; public class UsesInBody { void n() { new B().size(); } }
