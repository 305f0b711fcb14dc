// The kärnindikator instrument (Version B of seed 004) as Fältsam's own data: indicators,
// mätpunkter, forms, scale and responses. Pure TypeScript and zod; nothing here reads the seeds.
export * from './forms';
export * from './indicators';
export * from './matpunkter';
export * from './response';
export * from './scale';
export * from './slots';
export * from './version';
export * from './vocabulary';
