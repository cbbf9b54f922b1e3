package a; @Marker public class Marked { }
