-- 本期各银行总行抖音账号的粉丝、获赞与作品数。
-- @period_start / @period_end 是本期的起止日期（含起、不含止），由 broadsheet pull 绑定。
SELECT account, bank, bank_type, followers, likes, posts
FROM account_months
WHERE month >= @period_start AND month < @period_end
ORDER BY followers DESC, account
