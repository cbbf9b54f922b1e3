package a; public class Util { public static String f(long x) { return "long"; } }
