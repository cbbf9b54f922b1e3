package a; public class UsesExposer { void go() { new Exposes().b(); } }
