-- The monthly KPI dashboard (rates and the three rankings) for the current month and the eleven before it.
package.path = os.getenv("HOTLINE_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local months = {}

function init(args)
  common.seed()
  local t = os.date("!*t")
  local y, m = t.year, t.month
  for i = 0, 11 do
    local mm = m - i
    local yy = y
    while mm < 1 do mm = mm + 12; yy = yy - 1 end
    months[#months + 1] = string.format("%04d-%02d", yy, mm)
  end
end

function request()
  return wrk.format("GET", "/api/v1/hotline/kpi?month=" .. months[math.random(#months)],
    { ["Authorization"] = "Bearer " .. os.getenv("TOKEN_OPERATOR") })
end

done = common.done
