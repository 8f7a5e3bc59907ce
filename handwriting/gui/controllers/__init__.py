"""GUI controllers: widget-free QObjects that own one piece of state and emit signals."""
