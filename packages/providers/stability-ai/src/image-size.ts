/**
 * OpenAI's `size` ("1792x1024") for Stability. v2beta services choose the pixel count themselves
 * (about one megapixel) and take only an aspect ratio, so the nearest supported ratio is sent;
 * v1 engines take width and height as they are (the engine rejects sizes it cannot make).
 */
import { invalidRequest } from '@ai-gateway/provider-utils';

/** v2beta's `aspect_ratio` values. */
const aspectRatios = ['21:9', '16:9', '3:2', '5:4', '1:1', '4:5', '2:3', '9:16', '9:21'];

export function parseSize(size: unknown): { width: number; height: number } | undefined {
  if (size === undefined || size === null || size === 'auto') return undefined;
  const match = typeof size === 'string' ? /^(\d+)x(\d+)$/.exec(size) : null;
  if (!match || Number(match[1]) === 0 || Number(match[2]) === 0) {
    throw invalidRequest(`Invalid size '${String(size)}': expected WIDTHxHEIGHT such as 1024x1024, or auto.`, 'size', 'invalid_size');
  }
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** The supported aspect ratio closest to width/height, compared on a log scale so 2:1 and 1:2 are equally far from 1:1. */
export function nearestAspectRatio(size: { width: number; height: number }): string {
  const wanted = Math.log(size.width / size.height);
  let best = aspectRatios[0];
  let bestDistance = Infinity;
  for (const ratio of aspectRatios) {
    const [width, height] = ratio.split(':').map(Number);
    const distance = Math.abs(Math.log(width / height) - wanted);
    if (distance < bestDistance) [best, bestDistance] = [ratio, distance];
  }
  return best;
}
