package a; public class Paint { String name(Color c) { switch (c) { case RED: return "r"; default: return "?"; } } }
