package dev.tandem.it;

import dev.tandem.it.widget.Widget;

@Widget
public class Gadget {}
