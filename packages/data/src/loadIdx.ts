import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Dataset, OptionsError } from '@resnet/core';
import { allocFloat64, allocInt32 } from './alloc.js';
import { IdxError } from './errors.js';
import { MNIST_CLASSES } from './mnistDigits.js';
import { readIdx } from './readIdx.js';

/** Options of loadIdx. */
export interface IdxOptions {
  /** Number of classes; every label must be below it. Default 10 (MNIST). */
  classes?: number;
  /** Allocate x and y over SharedArrayBuffers. Default false. */
  shared?: boolean;
}

/**
 * An images IDX file (count × rows × cols ubyte, any ndims >= 2) and its labels IDX file (count ubyte)
 * as one Dataset, pixels scaled by 1/255 to [0, 1]. Plain or gzipped. Throws IdxError naming the file.
 */
export function loadIdx(imagesFile: string, labelsFile: string, options: IdxOptions = {}): Dataset {
  const classes = options.classes ?? MNIST_CLASSES;
  if (!Number.isInteger(classes) || classes < 1 || classes > 256)
    throw new OptionsError('classes', classes, 'an integer from 1 to 256 (labels are bytes)');
  // 1. Both files, each well formed, with the shapes of images and of labels.
  const images = readIdx(imagesFile);
  const labels = readIdx(labelsFile);
  const shape = images.dims.join('×');
  if (images.dims.length < 2)
    throw new IdxError(imagesFile, 'dims', `has dimensions ${shape}; images need at least 2 (count × pixels).`);
  if (labels.dims.length !== 1) {
    throw new IdxError(labelsFile, 'dims', `has dimensions ${labels.dims.join('×')}; labels need exactly 1 (count).`);
  }
  const count = images.dims[0]!;
  const features = images.dims.slice(1).reduce((a, b) => a * b, 1);
  if (count === 0 || features === 0) {
    throw new IdxError(
      imagesFile,
      'dims',
      `has dimensions ${shape}; at least one image of at least one pixel is needed.`,
    );
  }
  if (labels.dims[0] !== count) {
    const hint = 'pass the labels file that belongs to the images';
    throw new IdxError(
      labelsFile,
      'count',
      `holds ${labels.dims[0]} labels but ${imagesFile} holds ${count} images; ${hint}.`,
    );
  }
  // 2. Labels first (cheap), then the pixels.
  const y = allocInt32(count, options.shared);
  for (let i = 0; i < count; i++) {
    const label = labels.data[i]!;
    if (label >= classes)
      throw new IdxError(labelsFile, 'label', `label ${i} is ${label}; labels must be from 0 to ${classes - 1}.`);
    y[i] = label;
  }
  const x = allocFloat64(images.data.length, options.shared);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i]! / 255;
  return { x, y, count, features, classes };
}

/** The standard MNIST file names (as on yann.lecun.com), each also accepted with `.gz`. */
export const MNIST_IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** The full MNIST (60,000 train / 10,000 test) from a folder holding the four standard IDX files, plain or .gz. */
export function loadMnistIdx(dir: string, options: IdxOptions = {}): { train: Dataset; test: Dataset } {
  const find = (name: string): string => {
    const plain = join(dir, name);
    if (existsSync(plain)) return plain;
    if (existsSync(`${plain}.gz`)) return `${plain}.gz`;
    throw new IdxError(
      plain,
      'unreadable',
      `is missing (nor is ${name}.gz in ${dir}); download the four MNIST files into that folder.`,
    );
  };
  const f = MNIST_IDX_FILES;
  const trainImages = find(f.trainImages);
  const testImages = find(f.testImages);
  const train = loadIdx(trainImages, find(f.trainLabels), options);
  const test = loadIdx(testImages, find(f.testLabels), options);
  // The nets read every test image as they read the training images: the same pixels per image.
  if (test.features !== train.features)
    throw new IdxError(
      testImages,
      'dims',
      `holds images of ${test.features} pixels, but ${trainImages} holds images of ${train.features}; the test images must be the training images' size (pass the four files of one data set).`,
    );
  return { train, test };
}
