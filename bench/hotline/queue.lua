-- Work-queue reads by the four kinds of holder (centre operator, district, street, department) with the filters
-- people use: default queue, a status, a category, overdue only, and later pages.
package.path = os.getenv("HOTLINE_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local requests = {}

function init(args)
  common.seed()
  local prefixes = common.lines(os.getenv("HOTLINE_OUT") .. "/category-prefixes.txt")
  local tokens = { os.getenv("TOKEN_OPERATOR"), os.getenv("TOKEN_DISTRICT"), os.getenv("TOKEN_STREET"), os.getenv("TOKEN_DEPARTMENT") }
  local filters = { "", "?status=InHandling", "?overdue=true", "?status=Dispatched,InHandling&overdue=true", "?page=2", "?page=5" }
  for _, p in ipairs(prefixes) do filters[#filters + 1] = "?category=" .. p end
  for _, t in ipairs(tokens) do
    for _, f in ipairs(filters) do
      requests[#requests + 1] = wrk.format("GET", "/api/v1/hotline/tickets" .. f, { ["Authorization"] = "Bearer " .. t })
    end
  end
end

function request()
  return requests[math.random(#requests)]
end

done = common.done
