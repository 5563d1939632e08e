import { notFound, fieldError } from '../../lib/http/problem'

/**
 * Page-number pagination as vng_api_common's DynamicPageSizePagination: `page` (1-based) and
 * `pageSize` (default 100, at most 500); a page past the end is a 404, as in DRF.
 */
export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 500

export interface PageRequest {
  page: number
  pageSize: number
}

export interface Paginated<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}

const DIGITS = /^[0-9]+$/

/**
 * A `page` that is not a whole number of at least 1 is a 404, as DRF's paginator answers
 * PageNotAnInteger. A page so large that its offset is no safe integer
 * (`page=99999999999999999999`, or `1e308`, which Number() reads as an integer) lies past the end
 * of any list, so it is a 404 too, decided here: passed on, the offset would overflow the
 * database's 64-bit integer and surface as a server error.
 */
export function parsePageRequest(query: Record<string, string>): PageRequest {
  const raw = query['page']
  const page = raw === undefined ? 1 : DIGITS.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(page) || page < 1) {
    throw notFound()
  }
  let pageSize = DEFAULT_PAGE_SIZE
  if (query['pageSize'] !== undefined) {
    const requested = Number(query['pageSize'])
    if (!Number.isInteger(requested) || requested < 1) {
      throw fieldError('pageSize', 'invalid', 'Een geldig getal is vereist.')
    }
    pageSize = Math.min(requested, MAX_PAGE_SIZE)
  }
  if (!Number.isSafeInteger((page - 1) * pageSize)) {
    throw notFound()
  }
  return { page, pageSize }
}

export function paginate<T>(results: T[], count: number, request: PageRequest, selfUrl: URL): Paginated<T> {
  const lastPage = Math.max(1, Math.ceil(count / request.pageSize))
  if (request.page > lastPage) {
    throw notFound()
  }
  const link = (page: number): string => {
    const url = new URL(selfUrl)
    url.searchParams.set('page', String(page))
    return url.toString()
  }
  return {
    count,
    next: request.page < lastPage ? link(request.page + 1) : null,
    previous: request.page > 1 ? link(request.page - 1) : null,
    results,
  }
}
