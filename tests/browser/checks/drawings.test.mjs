// The drawings check's judging, on made-up drawings: each kind of mistake is reported,
// and a good drawing passes. Run by tests/testsuite/browser.rs (`node --test`).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { judge, ratio, parse } from './drawings.mjs';

const box = (left, top, right, bottom) => ({ left, top, right, bottom });
const good = () => ({
    name: 'chart-demo-times',
    visible: true,
    svg: box(20, 100, 340, 216),
    holder: box(20, 100, 355, 216),
    main: box(15, 0, 360, 900),
    scrolls: false,
    background: 'rgb(255, 255, 255)',
    texts: [
        { text: 'Times', fill: 'rgb(0, 0, 0)', opacity: 1, box: box(24, 104, 66, 122) },
        { text: 'fast', fill: 'rgb(0, 0, 0)', opacity: 1, box: box(24, 128, 58, 146) },
        { text: '7 ms', fill: 'rgb(0, 0, 0)', opacity: 1, box: box(170, 148, 204, 166) },
    ],
});

test('a drawing that fits, is legible and has no overlapping text passes', () => {
    assert.deepEqual(judge(good()), []);
});

test('contrast is WCAG 2: black on white is 21:1, grey #777 on white under 4.5:1', () => {
    assert.equal(ratio(parse('rgb(0, 0, 0)'), parse('rgb(255, 255, 255)')).toFixed(2), '21.00');
    assert.equal(ratio(parse('rgb(119, 119, 119)'), parse('rgb(255, 255, 255)')).toFixed(2), '4.48');
});

test('low contrast, overlapping labels, an empty box and a drawing wider than the column are reported', () => {
    const drawing = good();
    drawing.texts[1].fill = 'rgb(200, 200, 200)';
    drawing.texts[2].box = box(40, 130, 80, 148);
    assert.deepEqual(judge(drawing), [
        '"fast": contrast 1.67:1 < 4.5:1 (rgb(200, 200, 200) on rgb(255, 255, 255))',
        '"fast" overlaps "7 ms"',
    ]);
    const hidden = { ...good(), visible: false, svg: box(20, 100, 20, 100) };
    assert.deepEqual(judge(hidden), ['not visible (an empty box)']);
    const wide = { ...good(), svg: box(20, 100, 500, 216), holder: box(20, 100, 500, 216) };
    assert.deepEqual(judge(wide), [
        'its box (20-500 px) leaves the content column (15-360 px)',
    ]);
    const unscrolled = { ...good(), svg: box(20, 100, 500, 216) };
    assert.deepEqual(judge(unscrolled), [
        'the drawing is 480 px wide in a box of 335 px that does not scroll',
    ]);
    assert.deepEqual(judge({ ...unscrolled, scrolls: true }), []);
});
