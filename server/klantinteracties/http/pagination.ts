import { notFound, fieldError } from './problem'

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

export function parsePageRequest(query: Record<string, string>): PageRequest {
  const page = query['page'] === undefined ? 1 : Number(query['page'])
  if (!Number.isInteger(page) || page < 1) {
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
