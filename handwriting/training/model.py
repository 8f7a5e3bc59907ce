"""The LeNet-5-style network and its named presets."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from handwriting.backend import load_tensorflow
from handwriting.labels import DIGITS, SIDE

# --- Presets --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    """Layer widths and regularisation of one LeNet-5-style network, and its training recipe defaults."""

    name: str
    conv1: int
    conv2: int
    dense1: int
    dense2: int
    batch_norm: bool
    dropout: float
    description: str
    epochs: int = 10
    learning_rate: float = 3e-3
    augment: bool = True
    conv1_padding: str = "same"  # "same" stands for LeNet-5's 32x32 input; "valid" costs a third less

    def to_dict(self) -> dict:
        """Plain-dict form, stored in the training history."""
        return asdict(self)


PRESETS: dict[str, Preset] = {
    "lenet5": Preset(
        "lenet5",
        6,
        16,
        120,
        84,
        batch_norm=False,
        dropout=0.0,
        description="the classic widths of LeCun et al. 1998, about 62k parameters",
    ),
    "wide": Preset(
        "wide",
        24,
        64,
        256,
        64,
        batch_norm=True,
        dropout=0.1,
        description="LeNet-5 with wider layers, batch norm and dropout; chosen on the validation split",
        epochs=9,
        conv1_padding="valid",
    ),
    "fast": Preset(
        "fast",
        16,
        32,
        128,
        64,
        batch_norm=True,
        dropout=0.0,
        description="the wide network without augmentation or dropout, 2 epochs: about 99.2% in half a minute",
        epochs=2,
        learning_rate=5e-3,
        augment=False,
        conv1_padding="valid",
    ),
}
DEFAULT_PRESET = "wide"

INPUT_SHAPE = (SIDE, SIDE, 1)
KERNEL_SIZE = 5
BN_MOMENTUM = 0.9  # Keras' 0.99 lags for hundreds of steps, which short retrains never reach


# --- Network --------------------------------------------------------------------------------------


def build_model(
    preset: str | Preset = DEFAULT_PRESET,
    seed: int | None = None,
    classes: int = DIGITS,
):
    """Build (not compile) the network: conv 5x5, pool, conv 5x5, pool, dense, dense, softmax.

    The input is a float32 image in [0, 1], ink bright, shape (28, 28, 1). `classes` is 10 (the digits)
    or 11 (the digits and "not a digit").
    """
    load_tensorflow()
    import keras
    from keras import layers

    spec = PRESETS[preset] if isinstance(preset, str) else preset
    if seed is not None:
        keras.utils.set_random_seed(seed)

    def activation_block(x, name: str):
        if spec.batch_norm:
            x = layers.BatchNormalization(momentum=BN_MOMENTUM, name=f"{name}_bn")(x)
        return layers.Activation("relu", name=f"{name}_relu")(x)

    use_bias = not spec.batch_norm
    inputs = keras.Input(shape=INPUT_SHAPE, name="image")
    # C1 (its padding: see Preset.conv1_padding); S2; C3; S4.
    x = layers.Conv2D(spec.conv1, KERNEL_SIZE, padding=spec.conv1_padding, use_bias=use_bias, name="conv1")(inputs)
    x = activation_block(x, "conv1")
    x = layers.MaxPooling2D(2, name="pool1")(x)
    x = layers.Conv2D(spec.conv2, KERNEL_SIZE, padding="valid", use_bias=use_bias, name="conv2")(x)
    x = activation_block(x, "conv2")
    x = layers.MaxPooling2D(2, name="pool2")(x)
    x = layers.Flatten(name="flatten")(x)
    # C5 and F6 as dense layers, then the softmax output.
    for index, width in enumerate((spec.dense1, spec.dense2), start=1):
        x = layers.Dense(width, use_bias=use_bias, name=f"dense{index}")(x)
        x = activation_block(x, f"dense{index}")
        if spec.dropout:
            x = layers.Dropout(spec.dropout, name=f"dense{index}_dropout")(x)
    outputs = layers.Dense(classes, activation="softmax", name="probabilities")(x)
    return keras.Model(inputs, outputs, name=f"lenet_{spec.name}")
