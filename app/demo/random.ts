import { Faker, en, en_GB } from "@faker-js/faker";

/**
 * A seeded source of randomness and British names. Faker's seeded generator
 * makes the demo council identical for the same seed and date.
 */
export class DemoRandom {
  readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [en_GB, en] });
    this.faker.seed(seed);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.faker.number.float({ min: 0, max: 1, fractionDigits: 9 }) % 1;
  }

  chance(probability: number): boolean {
    return this.uniform() < probability;
  }

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  /** Standard normal, by Box-Muller. */
  normal(): number {
    const u = Math.max(this.uniform(), 1e-9);
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Poisson count with the given mean (Knuth's method; means here are small). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k += 1;
      p *= this.uniform();
    }
    return k;
  }

  /** A positive, right-skewed duration with the given mean, as durations of casework are. */
  skewedDays(mean: number, spread = 0.55): number {
    const value = mean * Math.exp(spread * this.normal() - (spread * spread) / 2);
    return Math.max(0, Math.round(value));
  }

  weighted<T extends string>(weights: Readonly<Partial<Record<T, number>>>): T {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.uniform() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (entries[entries.length - 1] as [T, number])[0];
  }

  fullName(): string {
    return `${this.faker.person.firstName()} ${this.faker.person.lastName()}`;
  }
}
