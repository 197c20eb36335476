-- Search in the work queue (number or words of the text or address) by the centre and by a district.
package.path = os.getenv("HOTLINE_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local words
local tokens

function init(args)
  common.seed()
  words = common.lines(os.getenv("HOTLINE_OUT") .. "/search-words.txt")
  tokens = { os.getenv("TOKEN_OPERATOR"), os.getenv("TOKEN_DISTRICT") }
end

function request()
  return wrk.format("GET", "/api/v1/hotline/tickets?q=" .. words[math.random(#words)],
    { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] })
end

done = common.done
