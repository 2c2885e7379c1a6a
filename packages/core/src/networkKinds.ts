// The kinds a network is built from, as types only: a leaf module, so config.ts, init.ts and
// weightLayerCount.ts can share them without importing each other.

/** Network architecture: a plain stack of dense layers, or residual blocks `y = F(x) + x`. */
export type Arch = 'plain' | 'residual';
/** Element-wise activation after a dense layer: max(0, z), tanh(z) or z. */
export type Activation = 'relu' | 'tanh' | 'linear';
/**
 * Weight initialisation: `he` N(0, 2/fanIn) as the notebook does; `xavier` and `lecun` N(0, 1/fanIn)
 * (Glorot's fan-in form, identical draws); `orthogonal` the sign-corrected Q of a Gaussian's QR.
 */
export type Init = 'he' | 'xavier' | 'lecun' | 'orthogonal';
/**
 * Residual block, with phi the activation, lambda = shortcutScale and eta = branchScale:
 * `notebook` lambda·x + eta·phi(W2 phi(W1 x)); `original` (He 2015) phi(lambda·x + eta·W2 phi(W1 x));
 * `preact` (He 2016) lambda·x + eta·W2 phi(W1 phi(x)).
 */
export type Block = 'notebook' | 'original' | 'preact';
