package a; public enum Color { RED, GREEN }
