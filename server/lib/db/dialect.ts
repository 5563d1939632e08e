/** The two storage engines the provider runs on. */
export type Engine = 'sqlite' | 'postgres'
