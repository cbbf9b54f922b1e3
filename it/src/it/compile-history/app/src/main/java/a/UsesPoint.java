package a; public class UsesPoint { int x(Point p) { return p.x(); } }
