import { describe, expect, it } from 'vitest';
import { type Dataset, firstRows, limitSplit } from '@resnet/core';

/** 5 rows of 3 features: row r holds r*10, r*10+1, r*10+2, labelled r. */
const rows = (count: number): Dataset => ({
  x: Float64Array.from({ length: count * 3 }, (_, i) => Math.floor(i / 3) * 10 + (i % 3)),
  y: Int32Array.from({ length: count }, (_, r) => r),
  count,
  features: 3,
  classes: 10,
});

describe('firstRows and limitSplit (resnet train --limit)', () => {
  it('take the first rows as views of the same memory, and every row when there are fewer', () => {
    const ds = rows(5);
    const head = firstRows(ds, 2);
    expect(head).toMatchObject({ count: 2, features: 3, classes: 10 });
    expect([...head.x]).toEqual([0, 1, 2, 10, 11, 12]);
    expect([...head.y]).toEqual([0, 1]);
    expect(head.x.buffer).toBe(ds.x.buffer); // a view: nothing copied
    expect(firstRows(ds, 9).count).toBe(5);
  });

  it('limit a split to n training rows and ceil(n/4) test rows, keeping its other fields', () => {
    const split = { name: 'digits', train: rows(5), test: rows(5) };
    const limited = limitSplit(split, 5);
    expect(limited.name).toBe('digits');
    expect(limited.train.count).toBe(5);
    expect(limited.test.count).toBe(2);
    expect([...limited.test.y]).toEqual([0, 1]);
  });
});
