package a; public class UsesConstant { int max() { return Limits.MAX; } }
